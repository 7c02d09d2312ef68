import { panelStyles } from '../panel.styles.js';

// The panel's look is the panels' shared one; this file is where its own rules go.
export const effectiveDiffStyles = [panelStyles];
