/**
 * State estimation from raw sensor readings, and rewards defined on the estimate: how the trainer
 * scores what a real robot recorded, with the same functions the simulator can score with.
 */
package dev.sim2pi.models.estimate;
