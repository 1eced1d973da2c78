"""The files Lede ships in ``resources/`` (found by ``resource_files``) and what is read from them."""

from __future__ import annotations

from desktop_app.resource_files import resource_path, resources_dir

__all__ = ["default_categories", "resource_path", "resources_dir"]


def default_categories():
    from desktop_app.core.categories import load_categories

    return load_categories(resource_path("categories.json"))
