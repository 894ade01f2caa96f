//! Given-name equivalences across Russian, Belarusian, Ukrainian, Polish and English
//! spellings: the same name in each language's own form (Alexander = Aliaksandr = Oleksandr),
//! which no letter fold can join. Each row is one name; the first form is its display form.
//! Diminutives (Sasha, Sveta) are left out: they are names of their own in news text.

use super::fold;
use std::sync::OnceLock;

/// One row per name.
pub const GIVEN_NAMES: &[&[&str]] = &[
    &[
        "Alexander",
        "Aleksandr",
        "Aleksander",
        "Alexandr",
        "Alyaksandr",
        "Aliaksandr",
        "Aljaksandr",
        "Oleksandr",
        "Olexandr",
        "Alexandre",
        "Alessandro",
        "Alejandro",
    ],
    &[
        "Alexei",
        "Alexey",
        "Aleksei",
        "Aleksey",
        "Aliaksei",
        "Alyaksei",
        "Aliaksiej",
        "Oleksiy",
        "Oleksii",
        "Alexis",
    ],
    &["Anatoly", "Anatoliy", "Anatolii", "Anatol", "Anatoli"],
    &[
        "Andrei", "Andrey", "Andrej", "Andriy", "Andrii", "Andrzej", "Andrew", "Andreas",
    ],
    &["Anastasia", "Anastasiya", "Anastasiia", "Nastassia"],
    &["Boris", "Barys"],
    &[
        "Dmitry", "Dmitri", "Dmitriy", "Dmitrii", "Dzmitry", "Dzmitryi", "Dmytro", "Dimitri",
        "Dimitry",
    ],
    &[
        "Elena", "Yelena", "Jelena", "Helena", "Olena", "Alena", "Alyona", "Alena",
    ],
    &[
        "Yekaterina",
        "Ekaterina",
        "Katsiaryna",
        "Katsyaryna",
        "Kateryna",
        "Katarzyna",
        "Catherine",
    ],
    &[
        "Yevgeny", "Evgeny", "Evgeniy", "Yevgeniy", "Evgenii", "Yauhen", "Yevhen", "Ievgen",
        "Jewgeni", "Eugene",
    ],
    &[
        "Yevgenia",
        "Evgenia",
        "Yevgeniya",
        "Yauheniya",
        "Yevheniia",
        "Eugenia",
    ],
    &["Galina", "Halina", "Halyna"],
    &[
        "Gennady", "Gennadiy", "Gennadi", "Henadz", "Hennadiy", "Hennadii",
    ],
    &[
        "Georgy", "Georgiy", "Georgii", "Heorhiy", "Heorhii", "Jerzy", "George",
    ],
    &[
        "Grigory", "Grigoriy", "Grigorii", "Hryhoriy", "Hryhorii", "Ryhor", "Gregory",
    ],
    &["Igor", "Ihar", "Ihor"],
    &["Irina", "Iryna", "Iryna", "Irena"],
    &["Ivan", "Iwan"],
    &["Yosif", "Iosif", "Osip", "Yosyp", "Józef", "Joseph"],
    &["Kirill", "Kiryl", "Kyrylo", "Cyril"],
    &[
        "Konstantin",
        "Kanstantsin",
        "Kostiantyn",
        "Kostyantyn",
        "Konstanty",
        "Constantine",
    ],
    &["Lyudmila", "Ludmila", "Liudmila", "Lyudmyla", "Liudmyla"],
    &[
        "Maria", "Mariya", "Maryia", "Mariia", "Marija", "Marya", "Maryja",
    ],
    &["Maxim", "Maksim", "Maksym", "Maksimilian"],
    &[
        "Mikhail", "Michail", "Mihail", "Mikhas", "Mykhailo", "Michał", "Michael",
    ],
    &["Nadezhda", "Nadzeya", "Nadiya", "Nadiia", "Nadzieja"],
    &[
        "Natalia", "Natalya", "Nataliya", "Nataliia", "Natallia", "Natalja",
    ],
    &[
        "Nikolai", "Nikolay", "Mikalai", "Mikola", "Mykola", "Mikołaj", "Nicholas", "Nikolaj",
    ],
    &["Oleg", "Aleh", "Oleh"],
    &["Olga", "Olha", "Volha", "Wolha"],
    &["Pavel", "Paval", "Pavlo", "Paweł", "Paul"],
    &["Pyotr", "Petr", "Piotr", "Petro", "Piatro", "Peter"],
    &[
        "Sergei", "Sergey", "Sergiy", "Serhiy", "Serhii", "Siarhei", "Siarhiej", "Sergej", "Serge",
    ],
    &["Stanislav", "Stanislau", "Stanisław"],
    &["Stepan", "Stsiapan", "Stefan", "Stephen"],
    &[
        "Svetlana",
        "Sviatlana",
        "Svyatlana",
        "Swiatlana",
        "Svitlana",
        "Swetlana",
    ],
    &[
        "Tatyana", "Tatiana", "Tatsiana", "Tatsyana", "Tacciana", "Tetiana", "Tetyana",
    ],
    &["Timofei", "Timofey", "Tsimafei", "Tymofiy", "Tymofii"],
    &["Valery", "Valeriy", "Valerii", "Valer", "Valeri"],
    &["Vasily", "Vasiliy", "Vasili", "Vasil", "Vasyl", "Wasyl"],
    &["Viktor", "Victor", "Wiktor", "Viktar"],
    &["Vitaly", "Vitali", "Vitaliy", "Vitalii", "Vital"],
    &[
        "Vladimir",
        "Wladimir",
        "Uladzimir",
        "Volodymyr",
        "Wolodymyr",
        "Włodzimierz",
    ],
    &["Vladislav", "Uladzislau", "Vladyslav", "Władysław"],
    &["Vyacheslav", "Viachaslau", "Viacheslav", "Wiaczesław"],
    &["Yaroslav", "Yaraslau", "Jarosław"],
    &["Yuri", "Yury", "Yuriy", "Yurii", "Iouri", "Jurij", "Juri"],
    &["Yulia", "Yuliya", "Yuliia", "Julia", "Iulia"],
    &["Yakov", "Yakau", "Yakiv", "Jakub", "Jacob"],
    &["Veronika", "Veranika"],
    &["Ales", "Aleś", "Oles"],
    &["Fyodor", "Fedor", "Fiodor", "Fedir", "Teodor"],
    &["Leonid", "Leanid"],
    &["Roman", "Raman"],
    &["Artyom", "Artem", "Artsiom"],
    // Names spelled alike in every language still need a row: a known given name is what
    // tells a person's name from any other capitalised phrase.
    &["Anna"],
    &["Vera"],
    &["Nina"],
    &["Inna"],
    &["Zoya"],
    &["Raisa"],
    &["Marina"],
    &["Daria", "Darya", "Daryia"],
    &["Ksenia", "Kseniya", "Kseniia"],
    &["Polina", "Palina"],
    &["Sofia", "Sofiya", "Sophia"],
    &["Denis", "Dzianis", "Denys"],
    &["Anton", "Antan"],
    &["Ilya", "Illia", "Ilia"],
    &["Ruslan"],
    &["Oksana", "Aksana"],
    &["Marat"],
    &["Zhanna"],
    &["Lev"],
    &["Mark"],
    &["Daniel", "Daniil", "Danila"],
    &["Emmanuel", "Emanuel"],
    &["Angela"],
    &["Olaf"],
    &["Joe"],
    &["Donald"],
    &["Barack"],
    &["Ramzan"],
    &["Nikita", "Mikita"],
    &["Arkady", "Arkadiy", "Arkadz"],
    &["Eduard", "Edward"],
    &["Valentin", "Valiantsin", "Valentyn"],
    &["Vadim", "Vadzim", "Vadym"],
    &["Semyon", "Siamion"],
    &["Yan", "Jan"],
    &["Yegor", "Egor", "Yahor"],
    &["Taras"],
    &["Bohdan", "Bogdan"],
    &["Arseniy", "Arsenii"],
    &["Lesya"],
];

fn index() -> &'static rustc_hash::FxHashMap<String, Vec<u16>> {
    static INDEX: OnceLock<rustc_hash::FxHashMap<String, Vec<u16>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: rustc_hash::FxHashMap<String, Vec<u16>> = Default::default();
        for (i, row) in GIVEN_NAMES.iter().enumerate() {
            for form in *row {
                // Primary keys only: alternative keys of short names collide too easily.
                let ids = m.entry(fold::primary_key(form)).or_default();
                if !ids.contains(&(i as u16)) {
                    ids.push(i as u16);
                }
            }
        }
        m
    })
}

/// The rows a word belongs to (a few names are in two, e.g. Jerzy = George and Yuri).
pub fn groups(word: &str) -> &'static [u16] {
    groups_of_key(&fold::primary_key(word))
}

/// [`groups`] for a word already folded to its primary key.
pub fn groups_of_key(key: &str) -> &'static [u16] {
    index().get(key).map(Vec::as_slice).unwrap_or(&[])
}

/// True when the word is a known given name.
pub fn is_given_name(word: &str) -> bool {
    !groups(word).is_empty()
}

/// True when both words are forms of one given name.
pub fn equivalent(a: &str, b: &str) -> bool {
    let gb = groups(b);
    groups(a).iter().any(|g| gb.contains(g))
}

/// The display form of the name a word belongs to.
pub fn canonical(word: &str) -> Option<&'static str> {
    groups(word).first().map(|&g| GIVEN_NAMES[g as usize][0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_forms_are_one_name() {
        for (a, b) in [
            ("Alexander", "Alyaksandr"),
            ("Aliaksandr", "Oleksandr"),
            ("Svetlana", "Svyatlana"),
            ("Vladimir", "Uladzimir"),
            ("Volodymyr", "Vladimir"),
            ("Dmitry", "Dzmitry"),
            ("Sergei", "Siarhei"),
            ("Serhiy", "Sergey"),
            ("Олександр", "Alexander"),
        ] {
            assert!(equivalent(a, b), "{a} = {b}");
        }
    }

    #[test]
    fn different_names_stay_apart() {
        assert!(!equivalent("Sergei", "Svetlana"));
        assert!(!equivalent("Olga", "Olena"));
        assert!(!equivalent("Alexander", "Alexei"));
        assert!(!equivalent("Unknownname", "Unknownname"));
    }
}
