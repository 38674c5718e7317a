/**
 * The {@code starling} command line (picocli): {@link dev.starling.engine.cli.Main} is the entry point,
 * {@link dev.starling.engine.cli.StarlingCommand} the root, one class per subcommand. Commands build a
 * table through the facade's table builders and print it through the shared {@code OutputOptions} mixin
 * ({@code --format}, {@code --csv-excel}, {@code --width}); output goes through the command line's
 * writers so tests capture it. {@code ErrorReport} is the one place a failure becomes stderr lines and
 * an exit code: a {@link dev.starling.engine.error.StarlingException} or a rules-file error is one line
 * and exit 1, a bad command line exit 2, anything else exit 70; stack traces only under {@code --verbose}.
 */
package dev.starling.engine.cli;
