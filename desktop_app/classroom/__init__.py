"""The teacher's side of an assignment, without Qt: taking submission files in, and reading one assignment's
work for review, scoring, the class view and the exports. The window and the command line both call here."""
