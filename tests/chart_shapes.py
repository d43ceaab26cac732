"""What a season's charts show, with every number rounded past any adding-up difference."""


def chart_shape(charts):
    """Return the totals, lines, weeks, bars and seasons of ``charts``, rounded to 6 places."""

    def r(values):
        return tuple(round(v, 6) for v in values)

    return (
        (charts.totals.harvests, r((charts.totals.grams, charts.totals.count))),
        [(s.label, s.days, r(s.values)) for s in charts.cumulative + charts.counts],
        [(monday, round(kg, 6)) for monday, kg in charts.weekly],
        [(bar.label, round(bar.value, 6)) for bar in charts.by_bed + charts.by_crop],
        [(s.year, s.days, r(s.kilograms)) for s in charts.seasons],
    )
