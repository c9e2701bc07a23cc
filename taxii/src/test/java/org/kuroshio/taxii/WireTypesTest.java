package org.kuroshio.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.stix.StixJson;
import org.kuroshio.testing.SharedData;
import tools.jackson.databind.JsonNode;

/** The wire types read medallion's own resources and write what they read. */
class WireTypesTest {

  private static JsonNode medallion() throws IOException {
    return StixJson.readTree(
        Files.readString(SharedData.require("stix/taxii/medallion-default_data.json")),
        StixJson.mapper());
  }

  @Test
  void discovery_roundTripsMedallion() throws IOException {
    JsonNode json = medallion().get("/discovery");

    Discovery d = Discovery.fromJson(json);

    assertThat(d.apiRoots()).hasSize(3);
    assertThat(d.defaultApiRoot()).isEqualTo("http://localhost:5000/trustgroup1/");
    assertThat(d.toJson()).isEqualTo(json);
  }

  @Test
  void apiRoot_roundTripsMedallion() throws IOException {
    JsonNode json = medallion().get("trustgroup1").get("information");

    ApiRoot root = ApiRoot.fromJson(json);

    assertThat(root.maxContentLength()).isEqualTo(9765625);
    assertThat(ApiRoot.fromJson(root.toJson())).isEqualTo(root);
    assertThat(root.toJson().toString()).isEqualTo(json.toString());
  }

  @Test
  void status_readsMedallionStatusWithPendings() throws IOException {
    JsonNode json = medallion().get("trustgroup1").get("status").get(0);

    Status s = Status.fromJson(json);

    assertThat(s.status()).isEqualTo(Status.PENDING);
    assertThat(s.totalCount()).isEqualTo(4);
    assertThat(s.pendings()).hasSize(2);
    assertThat(s.requestTimestamp()).isEqualTo(Instant.parse("2016-11-02T12:34:34.123456Z"));
    assertThat(Status.fromJson(s.toJson())).isEqualTo(s);
  }

  @Test
  void collection_readsMedallionCollections() throws IOException {
    JsonNode cs = medallion().get("trustgroup1").get("collections");

    for (JsonNode c : cs) {
      TaxiiCollection tc = TaxiiCollection.fromJson(c);
      assertThat(tc.mediaTypes()).contains(MediaTypes.STIX_21);
      assertThat(TaxiiCollection.fromJson(tc.toJson())).isEqualTo(tc);
    }
  }

  @Test
  void emptyResourcesAreEmptyObjects() {
    assertThat(new Envelope(false, null, List.of()).toJson().toString()).isEqualTo("{}");
    assertThat(new Manifest(false, null, List.of()).toJson().toString()).isEqualTo("{}");
    assertThat(new Versions(false, null, List.of()).toJson().toString()).isEqualTo("{}");
    assertThat(TaxiiCollection.listToJson(List.of()).toString()).isEqualTo("{}");
    assertThat(Envelope.fromJson(StixJson.readTree("{}", StixJson.mapper())).objects()).isEmpty();
  }

  @Test
  void manifestRecord_writesMicrosecondDateAdded() {
    ManifestRecord r = new ManifestRecord("indicator--x",
        Instant.parse("2014-05-08T09:00:00Z"), "2014-05-08T09:00:00.000Z", MediaTypes.STIX_21);

    assertThat(r.toJson().get("date_added").asString()).isEqualTo("2014-05-08T09:00:00.000000Z");
    assertThat(ManifestRecord.fromJson(r.toJson())).isEqualTo(r);
  }

  @Test
  void missingRequiredPropertyIsNamed() {
    assertThatThrownBy(() -> ApiRoot.fromJson(StixJson.readTree("{\"title\":\"t\"}",
        StixJson.mapper()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max_content_length");
    assertThatThrownBy(() -> TaxiiError.fromJson(StixJson.readTree("{}", StixJson.mapper())))
        .hasMessageContaining("title");
  }

  @Test
  void mediaTypes_acceptOnlyTaxii21() {
    assertThat(MediaTypes.isTaxii21("application/taxii+json;version=2.1")).isTrue();
    assertThat(MediaTypes.isTaxii21("Application/TAXII+json ; version=\"2.1\"")).isTrue();
    assertThat(MediaTypes.isTaxii21("application/taxii+json")).isTrue();
    assertThat(MediaTypes.isTaxii21("application/taxii+json;version=2.0")).isFalse();
    assertThat(MediaTypes.isTaxii21("application/taxii+json;foo=bar")).isFalse();
    assertThat(MediaTypes.isTaxii21("*/*")).isFalse();
    assertThat(MediaTypes.acceptsTaxii21("text/html,application/taxii+json;version=2.1"))
        .isTrue();
  }
}
