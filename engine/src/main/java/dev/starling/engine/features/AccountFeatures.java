package dev.starling.engine.features;

/** One account's engagement, as stored in {@code account_features}. */
public record AccountFeatures(
    String account, int people, int engagedPeople, int engaged14d, int newlyEngaged14d, double scoreSum) {}
