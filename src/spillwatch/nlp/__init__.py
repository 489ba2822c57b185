"""nlp stages: Article -> AnnotatedArticle, each a pure function over frozen records.

Run in this order (``stages.py``):
- ``parse.annotate(articles, settings, batch_size=32)`` / ``parse.annotate_one(article, settings)``:
  tokens, sentences (never across blocks), entities; ``parse.load_pipeline(name)`` is cached.
- ``actors.find_actors(ann, settings)``: actor mentions; the table is
  ``actortable.load_actor_table(settings)`` (packaged data/actors.json + settings.actor_file).
- ``quotes.find_quotes(ann, settings)``: direct and reported speech with speakers.
- ``temporal.find_dates(ann, settings)``: dates anchored on Article.published (``anchor.py``).
- ``quantities.find_quantities(ann, settings)``: casualties, money, equipment, personnel, counts.
"""
