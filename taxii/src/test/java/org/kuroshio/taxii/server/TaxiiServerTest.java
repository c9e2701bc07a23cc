package org.kuroshio.taxii.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.taxii.server.TestNode.C1;
import static org.kuroshio.taxii.server.TestNode.C2;
import static org.kuroshio.taxii.server.TestNode.HIDDEN;
import static org.kuroshio.taxii.server.TestNode.LOCAL_A;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.taxii.ApiRoot;
import org.kuroshio.taxii.Discovery;
import org.kuroshio.taxii.Envelope;
import org.kuroshio.taxii.Manifest;
import org.kuroshio.taxii.Status;
import org.kuroshio.taxii.TaxiiCollection;
import org.kuroshio.taxii.TaxiiException;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.Versions;
import org.kuroshio.taxii.client.TaxiiClient;
import org.kuroshio.taxii.client.TaxiiPage;
import org.kuroshio.testing.StixFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every endpoint and filter, driven by the project's own client. */
class TaxiiServerTest {
  private final TestNode node = new TestNode();
  private final TaxiiClient alice = node.alice();
  private final StixFixtures fx = new StixFixtures();

  @AfterEach
  void stop() {
    node.close();
  }

  private List<StixObject> indicators(int n) {
    List<StixObject> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(fx.indicator().set("name", "indicator " + i).build());
    }
    return out;
  }

  private static List<String> ids(Envelope e) {
    return e.objects().stream().map(o -> o.get("id").asString()).toList();
  }

  @Test
  void discovery_pointsAtTheApiRoot() {
    Discovery d = alice.discovery();

    assertThat(d.title()).isEqualTo(TaxiiSettings.defaults().title());
    assertThat(d.apiRoots()).containsExactly(node.apiRoot.toString());
    assertThat(d.defaultApiRoot()).isEqualTo(node.apiRoot.toString());
  }

  @Test
  void apiRoot_advertisesVersionAndMaxContentLength() {
    ApiRoot root = alice.apiRoot();

    assertThat(root.versions()).containsExactly("application/taxii+json;version=2.1");
    assertThat(root.maxContentLength()).isEqualTo(TaxiiSettings.defaults().maxContentLength());
  }

  @Test
  void collections_listLocalThenTheAgreementsInForceOfTheOrganisation() {
    List<TaxiiCollection> cs = alice.collections();

    assertThat(cs).extracting(TaxiiCollection::id).containsExactly(LOCAL_A, C1, C2);
    assertThat(cs).allSatisfy(c -> {
      assertThat(c.canRead()).as(c.id()).isTrue();
      assertThat(c.canWrite()).as(c.id()).isTrue();
      assertThat(c.mediaTypes()).containsExactly("application/stix+json;version=2.1");
    });
    TaxiiCollection alpha = alice.collection(C1);
    assertThat(alpha.title()).isEqualTo("Alpha");
    assertThat(alpha.description()).isEqualTo("letter-of-intent between Agency A, Bureau B;"
        + " domains cyber, defence-research, disaster-response, fimi, maritime; up to "
        + Tlp.RED.displayName());
  }

  @Test
  void collections_ofAReadOnlyUserCannotBeWritten() {
    List<TaxiiCollection> cs = node.reader().collections();

    assertThat(cs).extracting(TaxiiCollection::id)
        .containsExactly(SharingState.localCollectionId(TestNode.ORG_B), C1, HIDDEN);
    assertThat(cs).allSatisfy(c -> {
      assertThat(c.canRead()).as(c.id()).isTrue();
      assertThat(c.canWrite()).as(c.id()).isFalse();
    });
  }

  @Test
  void agreementCollection_givesThePartnerOnlyWhatTheReleaseRuleLetsGo() {
    StixObject green = fx.indicator().tlp(Tlp.GREEN).build();
    StixObject unmarked = fx.indicator().build();
    alice.addObjects(C1, List.of(green, unmarked));

    assertThat(ids(alice.getObjects(C1, node.fresh()).body()))
        .containsExactly(green.id(), unmarked.id());
    assertThat(ids(node.reader().getObjects(C1, node.fresh()).body()))
        .containsExactly(green.id());
    assertThat(ids(node.reader().getObject(C1, green.id(), TaxiiFilter.none()).body()))
        .containsExactly(green.id());
    assertThat(catchTaxii(() -> node.reader().getObject(C1, unmarked.id(), TaxiiFilter.none()))
        .status()).isEqualTo(404);
    assertThat(node.reader().manifest(C1, node.fresh()).body().objects())
        .extracting(r -> r.id()).containsExactly(green.id());
  }

  @Test
  void collection_hiddenAndUnknownAreTheSame404() {
    TaxiiException hidden = catchTaxii(() -> alice.collection(HIDDEN));
    TaxiiException unknown = catchTaxii(() -> alice.collection(
        "44444444-4444-4444-8444-444444444444"));

    assertThat(hidden.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(hidden.error().title()).isEqualTo(unknown.error().title());
    assertThat(hidden.error().description()).isEqualTo("no collection with id " + HIDDEN);
    assertThat(catchTaxii(() -> alice.getObjects(HIDDEN, TaxiiFilter.none())).status())
        .isEqualTo(404);
  }

  @Test
  void addObjects_returnsCompleteStatusThatCanBeFetchedLater() {
    List<StixObject> objects = indicators(3);

    Status status = alice.addObjects(C1, objects);

    assertThat(status.status()).isEqualTo(Status.COMPLETE);
    assertThat(status.totalCount()).isEqualTo(3);
    assertThat(status.successCount()).isEqualTo(3);
    assertThat(status.failureCount()).isZero();
    assertThat(status.pendingCount()).isZero();
    assertThat(status.successes()).extracting(d -> d.id())
        .containsExactlyElementsOf(objects.stream().map(StixObject::id).toList());
    assertThat(alice.status(status.id())).isEqualTo(status);
  }

  @Test
  void addObjects_invalidObjectsAreFailuresWithReasonsAndTheOthersSucceed() {
    ObjectNode wrongPrefix = fx.indicator().json();
    wrongPrefix.put("id", "malware--" + java.util.UUID.randomUUID());
    ObjectNode badTime = fx.indicator().json();
    badTime.put("modified", "2026-13-45T99:00:00Z");
    StixObject good = fx.malware().build();

    Status status = alice.addEnvelope(C1, Envelope.of(List.of(wrongPrefix, badTime, good.json())));

    assertThat(status.successCount()).isEqualTo(1);
    assertThat(status.failureCount()).isEqualTo(2);
    assertThat(status.failures().get(0).id()).isEqualTo(wrongPrefix.get("id").asString());
    assertThat(status.failures().get(0).message()).contains("id");
    assertThat(status.failures().get(1).message()).contains("modified");
    assertThat(ids(alice.getObjects(C1, node.fresh()).body()))
        .containsExactly(good.id());
  }

  @Test
  void getObjects_emptyResultIsAnEmptyObject() {
    HttpResponse<String> r = node.get(node.objectsPath(C1) + node.freshQuery());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{}");
    assertThat(r.headers().firstValue("X-TAXII-Date-Added-First")).isEmpty();
  }

  @Test
  void getObjects_returnsStoredJsonAndDateAddedHeaders() {
    List<StixObject> objects = indicators(3);
    alice.addObjects(C1, objects);

    TaxiiPage<Envelope> page = alice.getObjects(C1, node.fresh());

    assertThat(page.body().more()).isFalse();
    assertThat(page.body().next()).isNull();
    assertThat(page.body().objects()).containsExactlyElementsOf(
        objects.stream().map(o -> (JsonNode) o.json()).toList());
    assertThat(page.dateAddedFirst()).isNotNull();
    assertThat(page.dateAddedLast()).isAfterOrEqualTo(page.dateAddedFirst());
    HttpResponse<String> raw = node.get(node.objectsPath(C1));
    assertThat(raw.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
  }

  @Test
  void getObjects_pagesWithNextUntilMoreIsFalse() {
    List<StixObject> objects = indicators(5);
    alice.addObjects(C1, objects);

    List<String> seen = new ArrayList<>();
    TaxiiFilter f = node.fresh().withLimit(2);
    TaxiiPage<Envelope> page = alice.getObjects(C1, f);
    int pages = 1;
    seen.addAll(ids(page.body()));
    while (page.body().more()) {
      assertThat(page.body().next()).isNotNull();
      page = alice.getObjects(C1, f.withNext(page.body().next()));
      seen.addAll(ids(page.body()));
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(objects.stream().map(StixObject::id).toList());
    assertThat(alice.allObjects(C1, node.fresh().withLimit(2)).count()).isEqualTo(5);
  }

  @Test
  void getObjects_addedAfterIsExclusiveAndResumesFromTheLastHeader() {
    List<StixObject> first = indicators(2);
    alice.addObjects(C1, first);
    Instant last = alice.getObjects(C1, TaxiiFilter.none()).dateAddedLast();
    List<StixObject> second = indicators(2);
    alice.addObjects(C1, second);

    TaxiiPage<Envelope> page = alice.getObjects(C1, TaxiiFilter.none().withAddedAfter(last));

    assertThat(ids(page.body()))
        .containsExactlyElementsOf(second.stream().map(StixObject::id).toList());
  }

  @Test
  void getObjects_matchIdAndTypeAreOredWithinAndAndedAcross() {
    StixObject ind = fx.indicator().build();
    StixObject mal = fx.malware().build();
    StixObject camp = fx.campaign().build();
    alice.addObjects(C1, List.of(ind, mal, camp));

    assertThat(ids(alice.getObjects(C1, TaxiiFilter.none().withTypes("indicator", "malware"))
        .body())).containsExactly(ind.id(), mal.id());
    assertThat(ids(alice.getObjects(C1, TaxiiFilter.none().withIds(ind.id(), camp.id()))
        .body())).containsExactly(ind.id(), camp.id());
    assertThat(ids(alice.getObjects(C1, TaxiiFilter.none().withIds(ind.id(), camp.id())
        .withTypes("campaign")).body())).containsExactly(camp.id());
  }

  @Test
  void getObjects_matchVersionFirstLastAllAndTimestamp() {
    StixObject v1 = fx.malware().set("modified", "2026-01-01T00:00:00.000Z")
        .set("created", "2026-01-01T00:00:00.000Z").build();
    ObjectNode v2 = v1.toJsonNode();
    v2.put("modified", "2026-02-01T00:00:00.000Z");
    ObjectNode v3 = v1.toJsonNode();
    v3.put("modified", "2026-03-01T00:00:00.000Z");
    alice.addEnvelope(C1, Envelope.of(List.of(v1.json(), v2, v3)));

    assertThat(modifieds(node.fresh())).containsExactly("2026-03-01T00:00:00.000Z");
    assertThat(modifieds(node.fresh().withVersions("first")))
        .containsExactly("2026-01-01T00:00:00.000Z");
    assertThat(modifieds(node.fresh().withVersions("all"))).hasSize(3);
    assertThat(modifieds(node.fresh().withVersions("first", "last")))
        .containsExactlyInAnyOrder("2026-01-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z");
    assertThat(modifieds(node.fresh().withVersions("2026-02-01T00:00:00.000Z")))
        .containsExactly("2026-02-01T00:00:00.000Z");
  }

  private List<String> modifieds(TaxiiFilter f) {
    return alice.getObjects(C1, f).body().objects().stream()
        .map(o -> o.get("modified").asString()).toList();
  }

  @Test
  void getObjects_matchSpecVersion() {
    StixObject o = fx.malware().build();
    alice.addObjects(C1, List.of(o));

    assertThat(ids(alice.getObjects(C1, node.fresh().withSpecVersions("2.1")).body()))
        .containsExactly(o.id());
    assertThat(alice.getObjects(C1, TaxiiFilter.none().withSpecVersions("2.0")).body()
        .objects()).isEmpty();
  }

  @Test
  void getObject_unknownIs404AndNoMatchingVersionIsEmpty() {
    StixObject o = fx.malware().build();
    alice.addObjects(C1, List.of(o));

    assertThat(ids(alice.getObject(C1, o.id(), TaxiiFilter.none()).body()))
        .containsExactly(o.id());
    assertThat(catchTaxii(() -> alice.getObject(C1, "malware--" + java.util.UUID.randomUUID(),
        TaxiiFilter.none())).status()).isEqualTo(404);
    HttpResponse<String> none = node.get(node.objectsPath(C1) + o.id()
        + "/?match[version]=1999-01-01T00:00:00.000Z");
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.body()).isEqualTo("{}");
  }

  @Test
  void manifest_listsVersionsWithoutBodies() {
    List<StixObject> objects = indicators(3);
    alice.addObjects(C1, objects);

    TaxiiPage<Manifest> page = alice.manifest(C1, node.fresh().withLimit(2));

    assertThat(page.body().more()).isTrue();
    assertThat(page.body().objects()).hasSize(2);
    assertThat(page.body().objects().get(0).id()).isEqualTo(objects.get(0).id());
    assertThat(page.body().objects().get(0).version())
        .isEqualTo(objects.get(0).modified().orElseThrow());
    assertThat(page.body().objects().get(0).mediaType())
        .isEqualTo("application/stix+json;version=2.1");
    assertThat(page.dateAddedFirst()).isEqualTo(page.body().objects().get(0).dateAdded());
    Manifest rest = alice.manifest(C1, node.fresh().withLimit(2)
        .withNext(page.body().next())).body();
    assertThat(rest.objects()).extracting(r -> r.id()).containsExactly(objects.get(2).id());
    assertThat(rest.more()).isFalse();
  }

  @Test
  void versions_listEveryVersionOfOneObject() {
    StixObject v1 = fx.malware().build();
    ObjectNode v2 = v1.toJsonNode();
    v2.put("modified", "2026-06-01T00:00:00.000Z");
    alice.addEnvelope(C1, Envelope.of(List.of(v1.json(), v2)));

    Versions versions = alice.versions(C1, v1.id(), TaxiiFilter.none()).body();

    assertThat(versions.versions())
        .containsExactly(v1.modified().orElseThrow(), "2026-06-01T00:00:00.000Z");
    assertThat(versions.more()).isFalse();
    assertThat(catchTaxii(() -> alice.versions(C1, "malware--" + java.util.UUID.randomUUID(),
        TaxiiFilter.none())).status()).isEqualTo(404);
  }

  @Test
  void deleteObject_removesItFromTheCollection() {
    StixObject o = fx.malware().build();
    alice.addObjects(C1, List.of(o));

    alice.deleteObject(C1, o.id(), TaxiiFilter.none());

    assertThat(catchTaxii(() -> alice.getObject(C1, o.id(), TaxiiFilter.none())).status())
        .isEqualTo(404);
    HttpResponse<String> again = node.send(node.request(node.objectsPath(C1) + o.id() + "/")
        .DELETE().build());
    assertThat(again.statusCode()).isEqualTo(404);
  }

  @Test
  void deleteObject_needsWriteRight() {
    StixObject o = fx.malware().tlp(Tlp.GREEN).build();
    alice.addObjects(C1, List.of(o));
    assertThat(ids(node.reader().getObject(C1, o.id(), TaxiiFilter.none()).body()))
        .containsExactly(o.id());

    assertThat(catchTaxii(() -> node.reader().deleteObject(C1, o.id(), TaxiiFilter.none()))
        .status()).isEqualTo(403);
    assertThat(ids(alice.getObject(C1, o.id(), TaxiiFilter.none()).body()))
        .containsExactly(o.id());
  }

  @Test
  void routes_answerWithAndWithoutTrailingSlash() {
    assertThat(node.get(node.apiRoot.getPath() + "collections").statusCode()).isEqualTo(200);
    assertThat(node.get(node.apiRoot.getPath() + "collections/").statusCode()).isEqualTo(200);
    assertThat(node.get("/taxii2").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownEndpointUnderTheRootIsATaxii404() {
    HttpResponse<String> r = node.get(node.apiRoot.getPath() + "nothing/here/");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).contains(TestNode.TAXII);
    assertThat(StixJson.readTree(r.body(), StixJson.mapper()).get("http_status").asString())
        .isEqualTo("404");
  }

  @Test
  void readerCannotPost() {
    TaxiiException e = catchTaxii(() -> node.reader().addObjects(C1, indicators(1)));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.error().description()).contains("write");
    assertThat(alice.getObjects(C1, node.fresh()).body().objects()).isEmpty();
  }

  @Test
  void bearerTokenAuthenticates() {
    TaxiiClient byToken = TaxiiClient.builder(node.apiRoot).bearerToken(TestNode.ALICE_TOKEN)
        .build();

    assertThat(byToken.collections()).extracting(TaxiiCollection::id)
        .containsExactly(LOCAL_A, C1, C2);
    TaxiiClient wrong = TaxiiClient.builder(node.apiRoot)
        .bearerToken(org.kuroshio.sharing.Credentials.newToken()).build();
    assertThat(catchTaxii(wrong::collections).status()).isEqualTo(401);
  }

  static TaxiiException catchTaxii(Runnable r) {
    try {
      r.run();
    } catch (TaxiiException e) {
      return e;
    }
    throw new AssertionError("expected a TaxiiException");
  }

  @Test
  void clientErrorCarriesTheServerErrorBody() {
    assertThatThrownBy(() -> alice.collection(HIDDEN))
        .isInstanceOf(TaxiiException.class)
        .hasMessageContaining("404");
  }
}
