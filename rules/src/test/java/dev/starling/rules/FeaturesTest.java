package dev.starling.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeaturesTest {
  private static final FeatureSchema SCHEMA = FeatureSchema.standard();

  @Test
  void valuesAreCheckedAndNormalisedWhereTheyEnter() {
    List<String> urls = new ArrayList<>(List.of("https://a.example/"));
    Features f = SCHEMA.newFeatures(Subject.SUBSCRIBER)
        .set("received", 7).set("open_ratio", 1).set("clicked_urls", urls).build();
    urls.add("changed later");
    assertEquals(Optional.of(7L), f.get("received"));
    assertEquals(Optional.of(1.0), f.get("open_ratio"));
    assertEquals(Optional.of(List.of("https://a.example/")), f.get("clicked_urls"));
    assertEquals(Optional.empty(), f.get("streak"));
    assertEquals(Subject.SUBSCRIBER, f.subject());
  }

  @Test
  void wrongTypeIsRefusedWithTheFeatureName() {
    var b = SCHEMA.newFeatures(Subject.SUBSCRIBER);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.set("received", 0.5));
    assertEquals("feature 'received' is int but was given Double 0.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.setValue("clicked_urls", List.of(1)));
    assertEquals("feature 'clicked_urls' is list(string) but was given list [1]", e.getMessage());
  }

  @Test
  void unknownFeatureNamesTheSubjectsFeatures() {
    var b = SCHEMA.newFeatures(Subject.ACCOUNT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.set("received", 1));
    assertEquals("no account feature 'received'; known: [account, people, engaged_people, engaged_14d, "
        + "newly_engaged_14d, score_sum]", e.getMessage());
  }

  @Test
  void builderIsReusableBecauseBuildCopies() {
    var b = SCHEMA.newFeatures(Subject.ACCOUNT).set("people", 1);
    Features first = b.build();
    b.set("people", 2);
    assertEquals(Optional.of(1L), first.get("people"));
    assertEquals(Optional.of(2L), b.build().get("people"));
  }

  @Test
  void standardSchemaListsEveryFeatureWithADescription() {
    assertEquals(25, SCHEMA.features(Subject.SUBSCRIBER).size());
    assertEquals(6, SCHEMA.features(Subject.ACCOUNT).size());
    assertEquals(new Feature(Subject.SUBSCRIBER, "open_ratio", FeatureType.DOUBLE,
            "campaigns_opened / received, 0 when none received"),
        SCHEMA.feature(Subject.SUBSCRIBER, "open_ratio").orElseThrow());
    assertEquals(StandardFeature.values().length,
        SCHEMA.features(Subject.SUBSCRIBER).size() + SCHEMA.features(Subject.ACCOUNT).size());
  }

  @Test
  void customSchemaRefusesADuplicateName() {
    Feature a = new Feature(Subject.SUBSCRIBER, "x", FeatureType.INT, "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSchema.of(List.of(a, a)));
    assertEquals("feature 'x' is declared twice for subscriber", e.getMessage());
  }
}
