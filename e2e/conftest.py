pytest_plugins = ("tests.support.plugin", "e2e.support.fixtures", "e2e.support.editor_fixtures")
