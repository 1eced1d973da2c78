"""Training and measuring the suggestion models on the labelled news in ``../shared/data`` (never shipped):
``python -m desktop_app.suggest.training`` or ``scripts/train-suggestions``."""
