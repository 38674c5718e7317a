package dev.starling.engine.campaigns;

import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Campaign performance as report tables: {@code campaigns} (one row per campaign), {@code periods} (the
 * same added up by month, quarter or year, with the star count at each period's end) and {@code links}
 * (human clicks per URL per campaign). Every output renders these tables, never its own arithmetic.
 */
public record CampaignReport(DateRange range, ZoneId zone, Period period, List<CampaignFigures.Campaign> campaigns,
    List<CampaignFigures.PeriodRow> periods, List<CampaignFigures.Link> links) {

  public CampaignReport {
    campaigns = List.copyOf(campaigns);
    periods = List.copyOf(periods);
    links = List.copyOf(links);
  }

  /**
   * The measure columns shared by campaigns and periods, in the order both show them: what a reader looks
   * for first (deliveries, human opens and clicks with their rates) before the detail, each count beside
   * its rate, so a terminal that can show only the first columns shows the ones that matter.
   */
  static final List<Column> MEASURES = List.of(
      Column.of("sends", ColumnType.INTEGER),
      Column.of("delivered", ColumnType.INTEGER),
      Column.of("unique_human_opens", ColumnType.INTEGER),
      Column.of("human_open_rate", ColumnType.RATIO),
      Column.of("unique_human_clicks", ColumnType.INTEGER),
      Column.of("click_rate", ColumnType.RATIO),
      Column.of("human_opens", ColumnType.INTEGER),
      Column.of("machine_opens", ColumnType.INTEGER),
      Column.of("machine_open_share", ColumnType.RATIO),
      Column.of("human_clicks", ColumnType.INTEGER),
      Column.of("hard_bounces", ColumnType.INTEGER),
      Column.of("soft_bounces", ColumnType.INTEGER),
      Column.of("bounce_rate", ColumnType.RATIO),
      Column.of("complaints", ColumnType.INTEGER),
      Column.of("complaint_rate", ColumnType.RATIO),
      Column.of("unsubscribes", ColumnType.INTEGER),
      Column.of("unsubscribe_rate", ColumnType.RATIO));

  public static final List<Column> CAMPAIGN_COLUMNS = concat(List.of(
      Column.of("campaign", ColumnType.TEXT),
      Column.of("subject_line", ColumnType.TEXT),
      Column.of("sent_at", ColumnType.TIME)), MEASURES, List.of());

  public static final List<Column> PERIOD_COLUMNS = concat(List.of(
      Column.of("period", ColumnType.TEXT),
      Column.of("start", ColumnType.DATE),
      Column.of("campaigns", ColumnType.INTEGER)), MEASURES, List.of(Column.of("stars", ColumnType.INTEGER)));

  public static final List<Column> LINK_COLUMNS = List.of(
      Column.of("campaign", ColumnType.TEXT),
      Column.of("sent_at", ColumnType.TIME),
      Column.of("url", ColumnType.TEXT),
      Column.of("human_clicks", ColumnType.INTEGER),
      Column.of("unique_human_clicks", ColumnType.INTEGER));

  /** One row per campaign, in send order. */
  public Table campaignTable() {
    return campaignTable(campaigns);
  }

  /** The {@code campaigns} table of any list of campaign figures. */
  public static Table campaignTable(List<CampaignFigures.Campaign> campaigns) {
    List<Object[]> rows = new ArrayList<>();
    for (CampaignFigures.Campaign c : campaigns) {
      rows.add(row(new Object[] {c.code(), c.subject(), c.sentAt()}, c.counts(), new Object[0]));
    }
    return Table.of("campaigns", CAMPAIGN_COLUMNS, rows);
  }

  /** One row per period from the first campaign's to the last one's, empty periods included. */
  public Table periodTable() {
    List<Object[]> rows = new ArrayList<>();
    for (CampaignFigures.PeriodRow p : periods) {
      rows.add(row(new Object[] {p.label(), p.start(), p.campaigns()}, p.counts(), new Object[] {p.stars()}));
    }
    return Table.of("periods", PERIOD_COLUMNS, rows);
  }

  /** Human clicks per URL, campaign by campaign, most clicked first. */
  public Table linkTable() {
    List<Object[]> rows = new ArrayList<>();
    for (CampaignFigures.Link l : links) {
      rows.add(new Object[] {l.campaign(), l.sentAt(), l.url(), l.humanClicks(), l.uniqueHumanClicks()});
    }
    return Table.of("links", LINK_COLUMNS, rows);
  }

  /** All campaigns in range added up. */
  public Counts totals() {
    Counts sum = Counts.ZERO;
    for (CampaignFigures.Campaign c : campaigns) {
      sum = sum.plus(c.counts());
    }
    return sum;
  }

  private static Object[] row(Object[] head, Counts c, Object[] tail) {
    Object[] measures = {c.sends(), c.delivered(), c.uniqueHumanOpens(), c.humanOpenRate(), c.uniqueHumanClicks(),
        c.clickRate(), c.humanOpens(), c.machineOpens(), c.machineOpenShare(), c.humanClicks(), c.hardBounces(),
        c.softBounces(), c.bounceRate(), c.complaints(), c.complaintRate(), c.unsubscribes(), c.unsubscribeRate()};
    Object[] out = new Object[head.length + measures.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(measures, 0, out, head.length, measures.length);
    System.arraycopy(tail, 0, out, head.length + measures.length, tail.length);
    return out;
  }

  private static List<Column> concat(List<Column> a, List<Column> b, List<Column> c) {
    List<Column> out = new ArrayList<>(a);
    out.addAll(b);
    out.addAll(c);
    return List.copyOf(out);
  }
}
