/**
 * The jobs: train, score, evaluate, promote, monitor, stream and the demo, each taking a typed request
 * and returning a typed result; the command line, the scheduler and the bench call them. {@link
 * dev.churn.pipelines.jobs.Execution} holds the runner and Beam's options; each runner jar brings its
 * {@link dev.churn.pipelines.jobs.RunnerSetup}, found by {@link dev.churn.pipelines.jobs.Runners}.
 */
package dev.churn.pipelines.jobs;
