/**
 * The on-robot runtime: a fixed-rate loop that reads the robot's sensors, builds the task's
 * observation, runs the policy, passes the command through the safety supervisor, writes the
 * actuators and hands each period's frame to telemetry; the command channel that arms, stops and
 * swaps policies; and what the Raspberry Pi distribution starts.
 */
package dev.sim2pi.controller;
