/** Where outputs go: local folders or Azure Blob Storage / ADLS Gen2 (azfs://), and how to authenticate. */
package dev.churn.pipelines.storage;
