"""Tables as Russian Excel writes them: cells and their problems, reading CSV and XLSX safely (encodings, limits),
writing CSV and XLSX (one library, one formula guard). Knows no passport and no fact."""
