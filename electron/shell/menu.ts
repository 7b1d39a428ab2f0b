import { Menu, type MenuItemConstructorOptions } from 'electron';
import { menuTemplate, type MenuActions, type MenuFacts } from './menu-template';

/** Installs the application menu (its structure lives in menu-template.ts, tested under Node). */
export function installMenu(facts: MenuFacts, actions: MenuActions): void {
  const template: MenuItemConstructorOptions[] = menuTemplate(facts, actions);
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
