"""The electronic dossier a collection agent submits to VSS through its I-VAN provider."""
