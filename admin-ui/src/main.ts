const m = import('./editor-probe/probe.js');
void m;
