/**
 * The kuroshio program: {@link org.kuroshio.app.Main} (the command line), {@link
 * org.kuroshio.app.AppConfig} (configuration from a JSON file and the environment), {@link
 * org.kuroshio.app.Node} (a running node: store, the one door, TAXII, health and metrics) and the
 * demo scenario.
 */
@NullMarked
package org.kuroshio.app;

import org.jspecify.annotations.NullMarked;
