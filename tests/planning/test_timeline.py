"""Positions on the Gantt chart, checked against values computed by hand."""

from datetime import date

from civiclab.planning.timeline import Bar, Span, bar, month_ticks, span_of


def test_bar_positions_by_hand():
    span = Span(date(2026, 1, 1), date(2026, 1, 10))  # 10 days: one day is 10 %
    assert bar(span, date(2026, 1, 1), date(2026, 1, 10)) == Bar(0.0, 100.0)
    assert bar(span, date(2026, 1, 3), date(2026, 1, 4)) == Bar(20.0, 20.0)
    # A single date (a milestone) is one day wide.
    assert bar(span, date(2026, 1, 6), None) == Bar(50.0, 10.0)
    # Clipped to the span, and absent when wholly outside it or undated.
    assert bar(span, date(2025, 12, 1), date(2026, 1, 2)) == Bar(0.0, 20.0)
    assert bar(span, date(2026, 2, 1), date(2026, 2, 3)) is None
    assert bar(span, None, None) is None


def test_span_covers_today_and_all_dates_with_a_margin():
    span = span_of([date(2026, 3, 1), None, date(2026, 3, 20)], today=date(2026, 4, 1))
    assert span == Span(date(2026, 2, 22), date(2026, 4, 8))


def test_month_ticks_thin_out_on_long_spans():
    short = month_ticks(Span(date(2026, 1, 15), date(2026, 4, 10)))
    assert [t.label_date for t in short] == [date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)]
    # 87 days; 1 February is day 17 from 15 January: 17 / 86 days... by hand: 17/86*100.
    assert short[0].left == round(17 / 86 * 100, 3)
    # 24 months, at most 7 labels: every 4th month (24 / 7 rounded up), from January.
    long = month_ticks(Span(date(2026, 1, 1), date(2027, 12, 31)))
    assert [t.label_date.month for t in long] == [1, 5, 9, 1, 5, 9]
