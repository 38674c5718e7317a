/**
 * The configuration file {@code starling.yaml} in the data directory: {@link dev.starling.engine.config.ConfigFile}
 * writes it with every default shown and commented ({@code starling init}) and reads it into a
 * {@link dev.starling.engine.config.Config}, rejecting unknown keys and bad values with the file, line,
 * key and what was expected. {@link dev.starling.engine.config.DataDirectory} says which directory is used.
 */
package dev.starling.engine.config;
