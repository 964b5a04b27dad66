"""The dashboard's panels: each module reads what one kind of panel shows, for a Choice,
in a fixed number of queries, and returns plain data for its template partial."""
