/**
 * The {@code starling} command line (picocli): {@link dev.starling.engine.cli.Main} is the entry point,
 * {@link dev.starling.engine.cli.StarlingCommand} the root, one class per subcommand. Output goes
 * through the command line's writers so tests capture it; a {@link dev.starling.engine.error.StarlingException}
 * becomes one line on stderr and exit code 1, with a stack trace only under {@code --verbose}.
 */
package dev.starling.engine.cli;
