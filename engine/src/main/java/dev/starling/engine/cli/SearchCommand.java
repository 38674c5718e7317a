package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.index.SearchRequest;
import dev.starling.engine.index.SearchResult;
import dev.starling.engine.index.SearchSort;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search subscribers (or accounts) with Lucene's query syntax over these fields:",
        "  email, name, company, domain, account, country (ES, Spain or España), tags, status, state,",
        "  confidence, stars (0-5), score, last (day of the last human activity), opened (subjects of",
        "  campaigns they human-opened), clicked (URLs they human-clicked); accounts add people, engaged.",
        "Examples:",
        "  starling search 'company:acme stars:[4 TO 5] clicked:pricing country:ES'",
        "  starling search 'state:engaged AND NOT country:US' --sort recent --top 50",
        "  starling search 'last:[2026-11-01 TO *] opened:webinar' --facets",
        "  starling search --accounts 'engaged:[3 TO *]' --format csv",
        "Words without a field look in names, companies, domains, tags, subjects and URLs; several words must all match.",
        "The index lives in the data directory (index/) and follows the store; 'starling reindex' rebuilds it."})
final class SearchCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The query, quoted for the shell.")
  String query;

  @Option(names = "--accounts", description = "Search accounts instead of subscribers (CSV key column: account).")
  boolean accounts;

  @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Show at most N results (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "relevance",
      description = "relevance, score or recent (default: ${DEFAULT-VALUE}).")
  String sort;

  @Option(names = "--facets", description = "Add counts by domain, company, country, star tier, state and status over all matches.")
  boolean facets;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    SearchRequest request;
    try {
      request = new SearchRequest(query, accounts, top, SearchSort.byCode(sort), facets);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(root.spec.commandLine(), e.getMessage());
    }
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      SearchResult r = s.search(request);
      output.print(r.hits(), out, root.context, s.config().output());
      if (output.forPeople()) {
        output.note(r.total() == 0 ? "Nothing matches." : "Showing " + r.hits().materialise().size() + " of " + r.total()
            + " matches.", out, root.context, s.config().output());
      }
      if (r.facets() != null) {
        if (output.forPeople()) {
          out.println();
        }
        output.print(r.facets(), out, root.context, s.config().output());
      }
      out.flush();
    }
    return 0;
  }
}
