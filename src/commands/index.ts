/**
 * Every command of Article Atlas, registered in one place. `test/integration/extension.test.ts`
 * checks that this list and package.json `contributes.commands` agree.
 */
import * as vscode from 'vscode';
import { AddFileToLibraryCommand, AddPassageToThemeCommand, EditArticleMetadataCommand } from './library';
import { MoveArticleCommand, OpenReaderCommand, RevealInThemesCommand, ShowModeCommand } from './navigate';
import { CopyQuotationCommand, QuotePassageCommand, QuoteSelectionCommand } from './quote';
import { SearchPassagesCommand } from './search';
import type { AtlasServices, Command } from './services';

/** The commands, one object each. */
export function createCommands(services: AtlasServices): Command[] {
  return [
    new SearchPassagesCommand(services),
    new QuotePassageCommand(services),
    new CopyQuotationCommand(services),
    new OpenReaderCommand(services),
    new RevealInThemesCommand(services),
    new QuoteSelectionCommand(services),
    new ShowModeCommand(services, 'theme'),
    new ShowModeCommand(services, 'section'),
    new MoveArticleCommand(services, -1),
    new MoveArticleCommand(services, 1),
    new AddFileToLibraryCommand(services),
    new AddPassageToThemeCommand(services),
    new EditArticleMetadataCommand(services),
  ];
}

/**
 * Registers every command. A failure is logged and shown to the user (VS Code shows nothing for a
 * rejected command), and the command resolves undefined.
 */
export function registerCommands(services: AtlasServices, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return createCommands(services).map(command => vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
    try {
      return await command.execute(...args);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log.error(`${command.id} failed: ${e instanceof Error ? e.stack ?? message : message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Article Atlas: {0}', message));
      return undefined;
    }
  }));
}
