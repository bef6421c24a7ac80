import ts from 'typescript';

/**
 * The compiler options of one of the project's tsconfig files, as `tsc -p`
 * reads them (`extends` followed); a broken file fails the test that reads it.
 */
export function compilerOptionsOf(configFile: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  return parsed.options;
}

/** The messages of some diagnostics, one line each. */
export function messagesOf(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}
