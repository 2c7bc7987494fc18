/** The dataset schema: which columns are the id, label, segment, numeric and categorical inputs. */
package dev.churn.transforms.schema;
