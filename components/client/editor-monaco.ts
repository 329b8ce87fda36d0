/**
 * Monaco, loaded on demand by ./editor.ts: only the core editor API (no bundled language
 * services) plus our two Monarch grammars and the editor worker.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { iptablesSaveLanguage, shellLanguage } from '../../src/lab/monarch.ts';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

monaco.languages.register({ id: 'shell' });
monaco.languages.setMonarchTokensProvider('shell', shellLanguage as monaco.languages.IMonarchLanguage);
monaco.languages.register({ id: 'iptables-save' });
monaco.languages.setMonarchTokensProvider('iptables-save', iptablesSaveLanguage as monaco.languages.IMonarchLanguage);

const themeName = () => (document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs');

/** What the light half of the editor needs from Monaco. */
export interface MonacoHandle {
  getValue(): string;
  setFile(content: string, language: string, label: string): void;
}

/** Creates an editor in `el`. */
export function createMonaco(el: HTMLElement, content: string, language: string, label: string): MonacoHandle {
  const editor = monaco.editor.create(el, {
    value: content,
    language,
    theme: themeName(),
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    ariaLabel: label,
    // A config-file editor: what is typed is what is saved. No pop-up suggestions that Enter
    // would accept, no auto-inserted closing brackets.
    quickSuggestions: false,
    suggestOnTriggerCharacters: false,
    wordBasedSuggestions: 'off',
    acceptSuggestionOnEnter: 'off',
    autoClosingBrackets: 'never',
    autoClosingQuotes: 'never',
    autoIndent: 'none',
  });
  document.addEventListener('netlab:theme', () => monaco.editor.setTheme(themeName()));
  return {
    getValue: () => editor.getValue(),
    setFile(text, lang, aria) {
      const model = editor.getModel();
      if (model) {
        model.setValue(text);
        monaco.editor.setModelLanguage(model, lang);
      }
      editor.updateOptions({ ariaLabel: aria });
    },
  };
}
