/** The {@code churn} command line: one subcommand per job, exit status 0 done, 2 bad input, 1 failure. */
package dev.churn.pipelines.cli;
