"""Finding text: `query` compiles what the reader types and runs it over a
`SearchText`; `fields` says which text of an article and its thread is
searched, and under which keys; `history` keeps the queries typed before."""
