import Foundation

/// The Vietnamese alphabet as data: twelve vowels, each with six tones, and đ.
enum VietnameseLetters {
    /// The twelve vowel letters without tone.
    static let vowels: [String] = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]

    /// The six tones, in the order used throughout: ngang (none), huyền
    /// (grave), hỏi (hook above), ngã (tilde), sắc (acute), nặng (dot below).
    enum Tone: UInt8, CaseIterable {
        case none = 0, grave, hook, tilde, acute, dot

        /// The combining mark of the tone (nil for ngang).
        var mark: Unicode.Scalar? {
            switch self {
            case .none: return nil
            case .grave: return "\u{0300}"
            case .hook: return "\u{0309}"
            case .tilde: return "\u{0303}"
            case .acute: return "\u{0301}"
            case .dot: return "\u{0323}"
            }
        }
    }

    /// What a non-ASCII letter is made of.
    struct Info: Sendable {
        /// The lower-case letter without tone (`ấ` → `â`, `Đ` → `đ`).
        var base: Unicode.Scalar
        var tone: Tone
        var isUpper: Bool
    }

    /// Every non-ASCII Vietnamese letter, precomposed, lower and upper case.
    static let info: [UInt32: Info] = {
        var table: [UInt32: Info] = [:]
        for vowel in vowels {
            let base = vowel.unicodeScalars.first!
            for tone in Tone.allCases {
                var s = vowel
                if let mark = tone.mark { s.unicodeScalars.append(mark) }
                let lower = s.precomposedStringWithCanonicalMapping
                let upper = lower.uppercased()
                for (text, isUpper) in [(lower, false), (upper, true)] {
                    let scalars = Array(text.unicodeScalars)
                    if scalars.count == 1 && scalars[0].value >= 0x80 {
                        table[scalars[0].value] = Info(base: base, tone: tone, isUpper: isUpper)
                    }
                }
            }
        }
        table[0x0111] = Info(base: "đ", tone: .none, isUpper: false)
        table[0x0110] = Info(base: "đ", tone: .none, isUpper: true)
        return table
    }()

    /// The 134 precomposed Vietnamese letters that are not ASCII: 67 lower
    /// case (66 vowels with marks, đ) followed by their 67 upper-case forms.
    static let precomposed: [String] = {
        var lower: [String] = []
        for vowel in vowels {
            for tone in Tone.allCases {
                var s = vowel
                if let mark = tone.mark { s.unicodeScalars.append(mark) }
                let composed = s.precomposedStringWithCanonicalMapping
                if composed.unicodeScalars.first!.value >= 0x80 { lower.append(composed) }
            }
        }
        lower.append("đ")
        return lower + lower.map { $0.uppercased() }
    }()

    /// The letter with a tone applied, precomposed (`â` + acute → `ấ`).
    static func compose(_ base: String, tone: Tone) -> String {
        var s = base
        if let mark = tone.mark { s.unicodeScalars.append(mark) }
        return s.precomposedStringWithCanonicalMapping
    }
}

/// Tells whether a word is a well-formed Vietnamese syllable: an optional
/// initial consonant, a rhyme from the language's inventory, at most one tone,
/// and only sắc or nặng on rhymes that end in c, ch, p or t.
///
/// Used to decide whether text is real Vietnamese or legacy-font mojibake:
/// `Tổng` is a syllable, `Tæng` is not.
enum VietnameseSyllable {
    /// Initial consonants, longest first so `ngh` is tried before `ng` and `n`.
    static let initials: [String] = [
        "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ]

    /// The rhymes (vần) of Vietnamese, without tone.
    static let rhymes: Set<String> = Set("""
        a ai ao au ay ac ach am an ang anh ap at
        ăc ăm ăn ăng ăp ăt
        âc âm ân âng âp ât âu ây
        e eo ec em en eng ep et
        ê êu êch êm ên ênh êp êt
        i ia iu ich im in inh ip it
        iêc iêm iên iêng iêp iêt iêu
        o oi oc om on ong op ot ooc oong
        oa oai oao oay oac oach oam oan oang oanh oap oat
        oăc oăm oăn oăng oăt
        oe oeo oen oet
        ô ôi ôc ôm ôn ông ôp ôt
        ơ ơi ơm ơn ơp ơt
        u ua ui uc um un ung up ut
        uôc uôi uôm uôn uông uôt
        uân uâng uât uây
        uê uêch uênh uơ
        uy uya uych uyên uyêt uynh uyt uyu uyp
        ư ưa ưi ưu ưc ưng ưt ưm ưn
        ươc ươi ươm ươn ương ươp ươt ươu
        y yêm yên yêng yêt yêu
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// True when `scalars` (one word, NFC) is a Vietnamese syllable.
    static func isValid<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> Bool {
        var toneless = String.UnicodeScalarView()
        var tone = VietnameseLetters.Tone.none
        var count = 0
        for s in scalars {
            count += 1
            if count > 8 { return false }
            let v = s.value
            if v < 0x80 {
                guard let lower = asciiLower(v) else { return false }
                // f, j, w, z are not Vietnamese letters.
                if lower == 0x66 || lower == 0x6A || lower == 0x77 || lower == 0x7A { return false }
                toneless.append(Unicode.Scalar(UInt8(lower)))
            } else if let info = VietnameseLetters.info[v] {
                if info.tone != .none {
                    if tone != .none { return false }
                    tone = info.tone
                }
                toneless.append(info.base)
            } else {
                return false
            }
        }
        guard count > 0 else { return false }
        let word = String(toneless)
        if check(rhyme: word, tone: tone) { return true }
        for initial in initials where word.hasPrefix(initial) {
            let rest = String(word.unicodeScalars.dropFirst(initial.unicodeScalars.count))
            if check(rhyme: rest, tone: tone) { return true }
            // "gi" alone is a syllable with the rhyme i folded into the initial (gì, gỉ).
            if initial == "gi" && rest.isEmpty { return true }
        }
        return false
    }

    private static func check(rhyme: String, tone: VietnameseLetters.Tone) -> Bool {
        guard rhymes.contains(rhyme) else { return false }
        let last = rhyme.unicodeScalars.last!
        let stopped = last == "c" || last == "p" || last == "t" || rhyme.hasSuffix("ch")
        return !stopped || tone == .acute || tone == .dot
    }

    @inline(__always)
    private static func asciiLower(_ v: UInt32) -> UInt32? {
        if v >= 0x61 && v <= 0x7A { return v }
        if v >= 0x41 && v <= 0x5A { return v + 0x20 }
        return nil
    }
}
