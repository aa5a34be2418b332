import Compliance
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a password: from a terminal, asked twice without echo; otherwise the first line of
/// standard input. Never from an argument, where `ps` and the shell's history would show it.
enum PasswordInput {
    struct Refused: Error, Localized {
        var id: String
        var en: String
        func message(_ language: Language) -> String { language.text(id, en) }
    }

    static func read(language: Language) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw Refused(
                    id: "kata sandi dibaca dari masukan standar, dan masukan itu kosong",
                    en: "the password is read from standard input, which was empty")
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        let first = try ask(language.text("Kata sandi: ", "Password: "))
        let second = try ask(language.text("Ulangi kata sandi: ", "Repeat the password: "))
        guard first == second else {
            throw Refused(
                id: "kedua kata sandi berbeda; tidak ada yang diubah", en: "the two passwords differ; nothing changed")
        }
        return first
    }

    /// Prompts on standard error and reads one line with the terminal's echo off.
    private static func ask(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
