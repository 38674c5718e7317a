package dev.starling.engine.features;

/** Whether an open or click was made by a person. */
public enum OpenKind {
  HUMAN,
  MACHINE
}
