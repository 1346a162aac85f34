"""The guidance domain, with no Flask: walkthroughs, steps, smart tips, launchers,
checklists and feature tags; targeting rules; versioning; flow files."""
