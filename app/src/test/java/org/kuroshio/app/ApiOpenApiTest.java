package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.Stores;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code openapi.yaml} is written by hand: it must describe exactly the routes {@link ApiRoutes}
 * registers (paths and methods, both ways), and every operation must say what it answers.
 */
class ApiOpenApiTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  private StixStore store;
  private ApiRoutes routes;
  private JsonNode spec;

  @BeforeEach
  void setUp() throws Exception {
    store = Stores.h2InMemory("openapi-" + UUID.randomUUID());
    NodeServices services = NodeServices.open(AppConfig.defaults(), store, Clock.systemUTC());
    routes = new ApiRoutes(services.data(), services.accounts(), services,
        Optional::empty, Clock.systemUTC());
    try (InputStream in = ApiRoutes.class.getResourceAsStream("/openapi.yaml")) {
      assertThat(in).as("openapi.yaml on the class path").isNotNull();
      spec = YAMLMapper.builder().build().readTree(in);
    }
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private List<String> documented() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
      for (String key : path.getValue().propertyNames()) {
        if (METHODS.contains(key)) {
          out.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
    }
    return out;
  }

  private List<String> registered() {
    List<String> out = new ArrayList<>();
    for (ApiRoutes.Route r : routes.routes()) {
      out.add(r.method().name() + " " + r.path());
    }
    return out;
  }

  @Test
  void itIsOpenApi31() {
    assertThat(spec.path("openapi").asString()).startsWith("3.1");
    assertThat(spec.path("info").path("title").asString()).isNotBlank();
  }

  @Test
  void everyRegisteredRouteIsDocumented() {
    assertThat(new TreeSet<>(documented())).containsAll(registered());
  }

  @Test
  void everyDocumentedOperationIsRegistered() {
    assertThat(new TreeSet<>(registered())).containsAll(documented());
    assertThat(documented()).hasSameSizeAs(registered());
  }

  @Test
  void everyOperationHasAnIdASuccessAnd401() {
    Set<String> ids = new HashSet<>();
    for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        String where = op.getKey() + " " + path.getKey();
        assertThat(ids.add(op.getValue().path("operationId").asString()))
            .as("unique operationId of %s", where).isTrue();
        JsonNode responses = op.getValue().path("responses");
        assertThat(responses.has("401")).as("%s answers 401", where).isTrue();
        assertThat(responses.propertyNames()).as("%s has a success", where)
            .anyMatch(code -> code.startsWith("2"));
      }
    }
  }

  @Test
  void operationsWithABodySayWhatTheyRefuse() {
    for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (op.getValue().has("requestBody")) {
          assertThat(op.getValue().path("responses").propertyNames())
              .as("%s %s", op.getKey(), path.getKey()).contains("400", "413", "415");
        }
      }
    }
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(spec, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(spec.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
    }
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().equals("$ref")) {
          out.add(e.getValue().asString());
        } else {
          collectRefs(e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, out));
    }
  }
}
