/**
 * Countries as ISO 3166-1 alpha-2 codes. {@link dev.starling.engine.country.Countries#code} turns what a
 * subscriber file says ("España", "Spain", "ES", "espana", "Reino Unido", "UK", "EE.UU.") into one code
 * ({@code ES}, {@code GB}, {@code US}); the import stores it beside the original text, and the search index
 * filters and facets on it. The table is the JDK's own ({@link java.util.Locale#getISOCountries()} with
 * their English and Spanish display names), plus a small alias file for what the JDK does not spell.
 */
package dev.starling.engine.country;
