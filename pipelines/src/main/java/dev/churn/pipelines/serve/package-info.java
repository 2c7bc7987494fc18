/**
 * Online scoring: {@code churn serve}'s HTTP endpoint. {@link dev.churn.pipelines.serve.ServedModels}
 * follows the registry's champions and swaps them whole; {@link dev.churn.pipelines.serve.ServedVersions}
 * reads customers as batch scoring does and scores them with the same scoring core, over models that
 * many request threads share; {@link dev.churn.pipelines.serve.ScoringServer} is the HTTP side. No
 * pipeline runs on the request path.
 */
package dev.churn.pipelines.serve;
