/** The robot tasks sim2pi ships; {@link dev.sim2pi.models.task.Tasks} lists them by id. */
package dev.sim2pi.models.tasks;
