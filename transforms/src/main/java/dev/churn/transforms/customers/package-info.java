/** Reading and validating customer files into Beam Rows, with a dead-letter output for bad records. */
package dev.churn.transforms.customers;
