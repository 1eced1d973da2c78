"""The Qt face of Lede. Only this package imports PySide6; widgets call services and observe models."""
