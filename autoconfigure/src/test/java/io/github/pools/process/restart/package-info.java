/**
 * Application classes that the class loader tests load with a child-first class loader,
 * as Spring Boot devtools' restart class loader loads an application's own classes.
 */
package io.github.pools.process.restart;
