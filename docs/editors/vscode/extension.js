// Minimal VS Code extension that runs `daglint server` for Python files.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('daglint').get('path', 'daglint');
  client = new LanguageClient(
    'daglint',
    'daglint',
    { command, args: ['server'] },
    {
      documentSelector: [{ scheme: 'file', language: 'python' }, { scheme: 'untitled', language: 'python' }],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher('**/{.daglint.yaml,daglint.yaml,pyproject.toml,airflow_settings.yaml,.env}'),
      },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
