/** Reading source files line by line, with their names and line numbers kept for dead letters. */
package dev.churn.transforms.io;
