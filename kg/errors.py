"""Errors a user can cause, each naming the thing, where it is and what is allowed.

KgError
 +-- InputError(ValueError)     an article file or line that cannot be read
 |    +-- NoText                 an input with no article text (a web archive's page of none is left out)
 |    +-- NothingBuilt           a build of no article at all (nothing is written)
 +-- OntologyError(ValueError)  ontology or rule data that is inconsistent
 +-- FormatError(ValueError)    an unknown output or result format
 +-- QueryError(ValueError)     a SPARQL syntax error (with line and column)
 +-- ModelNotFound(LookupError) no spaCy model installed under that name
 +-- StoreError(OSError)        a store or endpoint that cannot be used

The CLI turns these into a one-line message and exit code 1; anything else is a bug.
"""
from __future__ import annotations


class KgError(Exception):
    """Base class of every error a user can cause."""


class InputError(KgError, ValueError):
    pass


class NoText(InputError):
    """An input that holds no article text: only a title, a date or a source line, or a page with no main content."""


class NothingBuilt(InputError):
    """A build that built no article: every input failed or none was an article. Nothing was written.

    ``failures`` are the inputs that failed (kg.model.Failure), ``skipped`` the files of the folders
    given that are not articles (by extension).
    """

    def __init__(self, message: str, failures=(), skipped=()):
        super().__init__(message)
        self.failures, self.skipped = list(failures), list(skipped)


class OntologyError(KgError, ValueError):
    pass


class FormatError(KgError, ValueError):
    pass


class QueryError(KgError, ValueError):
    pass


class ModelNotFound(KgError, LookupError):
    pass


class StoreError(KgError, OSError):
    pass
