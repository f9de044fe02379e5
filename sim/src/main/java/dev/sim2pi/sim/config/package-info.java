/**
 * Reading parameter files: per-task randomization configs (name to unit, nominal, range and
 * distribution) and reality-twin files (flat name to value), both checked against a plant's
 * {@link dev.sim2pi.sim.config.ParameterSchema}, with errors naming file and field.
 */
package dev.sim2pi.sim.config;
