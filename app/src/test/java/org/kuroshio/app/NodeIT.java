package org.kuroshio.app;

/** The end-to-end scenario on the default store: an embedded H2 file in a temporary folder. */
class NodeIT extends NodeScenario {
  @Override
  protected AppConfig.DatabaseSettings database() {
    return new AppConfig.DatabaseSettings(null, null, null);
  }
}
