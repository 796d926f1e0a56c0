"""Facts and the registers beside them: the template, reading a filled file into checked rows, one plan type for
every change, and the facts service — the one place that changes them."""
