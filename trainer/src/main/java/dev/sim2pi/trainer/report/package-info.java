/**
 * {@code report.html}: one self-contained page per run (train, fine-tune, demo) that a person reads
 * on a laptop or a phone. {@link dev.sim2pi.trainer.report.RunReport} renders a run from the files
 * it wrote (summary JSON, metrics CSV, PNG plots, the stage records below); each section appears
 * only when its file exists. Nothing is fetched: styles are inline, plots are embedded as
 * {@code data:} URIs or drawn as inline SVG.
 */
package dev.sim2pi.trainer.report;
