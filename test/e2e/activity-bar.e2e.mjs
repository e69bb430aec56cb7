// The workbench opens with Article Atlas installed from its .vsix; its activity-bar item and Themes view appear.
// What the view shows (the tree, or its welcome content) is left to the scenarios of the tree.
export const options = { theme: 'Default Dark Modern' };

/** The side bar's title: "<container>: <view>" for a container with one view, or the container's title. */
const sidebarTitle = (wb, text) => wb.page.locator('.part.sidebar .composite.title', { hasText: text }).first();

export const tests = [
  ['the workbench opens on the fixture folder', async wb => {
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'draft.md' }).first().waitFor({ timeout: 60000 });
    await wb.screenshot('01-workbench');
  }],
  ['the Article Atlas activity-bar item appears', async wb => {
    await wb.activityItem('Article Atlas').waitFor({ timeout: 60000 });
  }],
  ['clicking it opens the Themes view', async wb => {
    await wb.activityItem('Article Atlas').click();
    await sidebarTitle(wb, 'Article Atlas').waitFor();
    await wb.page.locator('.part.sidebar .pane-body').first().waitFor();
    await wb.screenshot('02-themes-view');
  }],
  ['the command palette focuses the Themes view', async wb => {
    await wb.runCommand('Explorer: Focus on Folders View');
    await sidebarTitle(wb, 'Explorer').waitFor();
    await wb.runCommand('Article Atlas: Focus on Themes View');
    await sidebarTitle(wb, 'Article Atlas').waitFor();
  }],
];
