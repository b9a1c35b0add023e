"""What each caveat of the analysis core means, in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def caveat_message(caveat: dict) -> str:
    """A sentence for a caveat as stored in a cached result ({"code": ..., params...})."""
    code = caveat.get("code")
    if code == "no_answers":
        return _("Nobody has answered yet: there is nothing to compute.")
    if code == "no_value":
        return _("No value has been entered yet.")
    if code == "single_answer":
        return _("Only one person answered: this is an anecdote, not a result.")
    if code == "small_n":
        n = caveat.get("n", 0)
        return ngettext(
            "Only %(n)s person answered: read this figure with great caution.",
            "Only %(n)s people answered: read this figure with great caution.",
            n,
        ) % {"n": n}
    if code == "small_expected":
        return _(
            "Some combinations are too rare for the chi-square test: Fisher's exact test "
            "was used instead."
        )
    if code == "small_paired":
        n = caveat.get("n", 0)
        return ngettext(
            "Only %(n)s person answered both waves: a change may go unnoticed.",
            "Only %(n)s people answered both waves: a change may go unnoticed.",
            n,
        ) % {"n": n}
    if code == "low_efficiency":
        efficiency = round(100 * float(caveat.get("efficiency", 0)))
        return _(
            "The weights are very uneven (efficiency %(efficiency)s %%): the weighted figures "
            "rest on far fewer people than answered."
        ) % {"efficiency": efficiency}
    if code == "no_variation":
        return _(
            "All the answers, or all the changes, are identical: there is no spread to measure."
        )
    if code == "weighting_variable":
        return _(
            "The weights are adjusted on this very question: this indicator is shown "
            "unweighted (weighted, it would equal the population's share by construction)."
        )
    if code == "no_test":
        return _("Too few different answers to test a link between the two questions.")
    if code == "not_converged":
        return _(
            "The weights could not match every population margin exactly: weighted figures "
            "are approximate."
        )
    if code == "unreachable_category":
        return _(
            "Nobody in the category “%(category)s” (%(variable)s) answered: weighting cannot "
            "make up for them."
        ) % {"category": caveat.get("category", ""), "variable": caveat.get("variable", "")}
    if code == "unknown_category":
        return _(
            "Answers “%(category)s” (%(variable)s) have no counterpart in the population "
            "figures: they keep their weight."
        ) % {"category": caveat.get("category", ""), "variable": caveat.get("variable", "")}
    if code == "missing_margin_value":
        n = caveat.get("n", 0)
        return ngettext(
            "%(n)s person did not answer “%(variable)s”: they keep their weight on it.",
            "%(n)s people did not answer “%(variable)s”: they keep their weight on it.",
            n,
        ) % {"n": n, "variable": caveat.get("variable", "")}
    return _("This result has a limitation that civiclab cannot describe.")
