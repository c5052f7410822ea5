#!/usr/bin/python3
# accuracy-data.py
#
# Copyright 2026 The Parlance authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the text of the accuracy development set (docs/accuracy.md): two
domains of our own writing, each as training sentences and held-out
sentences, and the list of held-out utterances with the voice that speaks
each one.

  accuracy-data.py --out DIR [--domain aviation|veterinary]

writes DIR/train.txt (one sentence a line, written as a user would, with
capitals, acronyms and punctuation), DIR/heldout.tsv (id, voice, text as
spoken) and DIR/ref.trn (the held-out reference as written, in trn form). Sentences
are drawn from hand-written templates and word lists with a fixed seed, so
every run writes the same files; a held-out sentence never appears in the
training text.
"""

import argparse
import random

# Voices of different engines from espeak-ng (which makes the generated
# pronunciations), plus two espeak-ng variants. accuracy-audio.sh knows
# how to run each.
VOICES = ["flite:slt", "flite:rms", "flite:awb", "festival:kal_diphone",
          "festival:ked_diphone", "flite:kal16", "espeak:en-us+m3",
          "espeak:en-us+f3"]

AVIATION = {
    "templates": [
        "inspect the {part} on the {side} {assembly} for {defect}",
        "the {part} was replaced in accordance with the {manual}",
        "found {defect} on the {part} during the {check}",
        "torque the {part} to {number} inch pounds and safety wire it",
        "the {assembly} {part} shows {defect} beyond the limits of the {manual}",
        "deferred the {part} under the minimum equipment list item {number}",
        "perform an operational test of the {system} after installation",
        "the {system} warning light came on during {phase}",
        "pilot reported {symptom} on the {system} during {phase}",
        "troubleshoot the {system} in accordance with the {manual} chapter {number}",
        "replaced the {part} and the {system} tested good",
        "removed the {part} from the {side} {assembly} for {check}",
        "the {check} is due in {number} flight hours",
        "apply corrosion inhibitor to the {part} after cleaning",
        "the borescope inspection of the {engine_part} found {defect}",
        "record the {measure} of the {part} in the {record}",
        "the {measure} was within limits on the {side} {assembly}",
        "install a new {seal} on the {part} and check for leaks",
        "the {engine_part} blade shows {defect} near the root",
        "sign off the {record} after the {check}",
        "the {system} was inoperative and the aircraft was grounded",
        "{symptom} was reported by the crew on the {system}",
        "the {part} part number does not match the {record}",
        "order a serviceable {part} from stores for the {side} {assembly}",
        "the APU {engine_part} was inspected per the {manual}",
        "the FOD walk found no debris near the {assembly}",
        "perform an NDT eddy current inspection on the {part}",
        "the AD on the {part} requires a repetitive inspection every {number} cycles",
        "check the {fluid} level in the {system} reservoir",
        "service the {system} with {fluid} and bleed the lines",
        "the {fluid} leak at the {part} was repaired",
        "the tire pressure on the {side} main gear was low",
        "replace the brake wear indicator on the {side} main gear",
        "the {part} clearance was {number} thousandths of an inch",
        "safety wire the {part} and apply torque stripe",
        "the ground run showed {symptom} on the {system}",
        "the aircraft was released to service after the {check}",
        "inspect the {assembly} attach fittings for {defect}",
        "the duplicate inspection of the {system} was signed by a second mechanic",
        "the {engine_part} temperature exceeded the limit during {phase}",
    ],
    "slots": {
        "part": ["actuator", "hydraulic line", "fuel pump", "bearing", "bushing",
                 "hinge bracket", "servo", "pitot probe", "static port", "fastener",
                 "wire harness", "bonding strap", "seal", "access panel", "cable",
                 "pulley", "filter element", "check valve", "boost pump", "torque link",
                 "oleo strut", "trim tab", "anti ice valve", "fuel quantity probe",
                 "bleed air duct"],
        "assembly": ["aileron", "elevator", "rudder", "flap", "slat", "spoiler",
                     "nacelle", "pylon", "main gear", "nose gear", "wing", "stabilizer",
                     "cowling", "engine mount"],
        "side": ["left", "right", "number one", "number two", "forward", "aft"],
        "defect": ["corrosion", "cracks", "chafing", "delamination", "fretting",
                   "a dent", "excessive play", "a fluid leak", "pitting",
                   "missing fasteners", "heat damage", "erosion", "nicks"],
        "manual": ["maintenance manual", "structural repair manual",
                   "component maintenance manual", "illustrated parts catalog",
                   "service bulletin"],
        "check": ["A check", "C check", "daily check", "walk around",
                  "scheduled inspection", "repair", "overhaul"],
        "system": ["hydraulic system", "fuel system", "bleed air system",
                   "pressurization system", "autopilot", "flight control system",
                   "anti skid system", "landing gear system", "fire detection system",
                   "air conditioning pack", "weather radar", "transponder"],
        "phase": ["takeoff", "climb", "cruise", "descent", "approach", "landing",
                  "taxi", "engine start"],
        "symptom": ["a vibration", "an intermittent fault", "a burning smell",
                    "a fluctuating indication", "a high temperature",
                    "a low pressure warning", "a loud bang", "a slow response"],
        "engine_part": ["compressor", "turbine", "combustor", "fan", "starter",
                        "igniter", "fuel nozzle", "oil cooler", "gearbox"],
        "measure": ["clearance", "runout", "wear", "backlash", "deflection",
                    "tension", "resistance"],
        "record": ["logbook", "work order", "task card", "tech log"],
        "seal": ["O ring", "gasket", "packing", "backup ring"],
        "fluid": ["hydraulic fluid", "engine oil", "fuel", "nitrogen", "oxygen"],
        "number": ["two", "three", "four", "five", "six", "eight", "ten", "twelve",
                   "fifteen", "twenty", "twenty five", "thirty", "forty", "fifty",
                   "one hundred", "two hundred", "five hundred"],
    },
}

VETERINARY = {
    "templates": [
        "the {animal} presented with {sign} for {duration}",
        "start the {animal} on {drug} twice daily for {duration}",
        "the owner reports {sign} since the last visit",
        "physical exam shows {finding} on the {site}",
        "recommend a {test} to rule out {disease}",
        "the {test} was consistent with {disease}",
        "the {animal} was vaccinated against {disease} today",
        "recheck the {site} in {duration}",
        "give {drug} by mouth with food",
        "the {animal} is due for a {test} and a dental cleaning",
        "the incision on the {site} is healing well",
        "administer {drug} under the skin before the procedure",
        "the {animal} weighs {number} kilograms today",
        "body condition score is {number} out of nine",
        "the {animal} was sedated for the {test}",
        "discharge the {animal} with {drug} and a cone",
        "monitor the {animal} for {sign} after the surgery",
        "the {finding} on the {site} was aspirated for cytology",
        "the owner declined the {test} for now",
        "the {animal} tested negative for {disease}",
    ],
    "slots": {
        "animal": ["dog", "cat", "puppy", "kitten", "horse", "rabbit", "ferret",
                   "cockatiel", "guinea pig", "senior cat", "young dog"],
        "sign": ["vomiting", "diarrhea", "lethargy", "coughing", "limping",
                 "excessive thirst", "weight loss", "itching", "sneezing",
                 "head shaking", "a poor appetite"],
        "duration": ["two days", "three days", "a week", "ten days", "two weeks",
                     "a month"],
        "drug": ["amoxicillin", "meloxicam", "gabapentin", "prednisolone",
                 "maropitant", "metronidazole", "buprenorphine", "enrofloxacin",
                 "cefovecin", "famotidine"],
        "finding": ["a mass", "swelling", "redness", "a heart murmur", "tartar",
                    "an ear infection", "a laceration", "hair loss", "a lump"],
        "site": ["left hind leg", "right ear", "abdomen", "neck", "left flank",
                 "front paw", "tail", "eyelid", "gums"],
        "test": ["blood panel", "urinalysis", "fecal exam", "chest radiograph",
                 "ultrasound", "skin scraping", "thyroid test", "fine needle aspirate"],
        "disease": ["kidney disease", "diabetes", "pancreatitis", "parvovirus",
                    "rabies", "feline leukemia", "heartworm", "lyme disease",
                    "hyperthyroidism", "ear mites"],
        "number": ["three", "four", "five", "six", "seven", "eight", "twelve",
                   "twenty", "thirty two"],
    },
}

DOMAINS = {"aviation": AVIATION, "veterinary": VETERINARY}

# How acronyms written in the training text are spoken (the voices are
# given the spoken form, so that every engine says the same words).
SPOKEN = {"APU": "A P U", "FOD": "F O D", "NDT": "N D T", "AD": "A D",
          "A check": "A check", "C check": "C check", "O ring": "O ring"}


def fill(template, slots, rng):
    out = template
    while "{" in out:
        start = out.index("{")
        end = out.index("}", start)
        out = out[:start] + rng.choice(slots[out[start + 1:end]]) + out[end + 1:]
    return out


def spoken(sentence):
    for written, said in SPOKEN.items():
        sentence = sentence.replace(written, said)
    return sentence


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--domain", default="aviation", choices=sorted(DOMAINS))
    ap.add_argument("--sentences", type=int, default=0,
                    help="how many distinct sentences (default: 480 for aviation, "
                         "240 for veterinary)")
    ap.add_argument("--held-out", type=int, default=0,
                    help="how many held-out utterances (default: 64 / 32)")
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()

    domain = DOMAINS[args.domain]
    n = args.sentences or (480 if args.domain == "aviation" else 240)
    n_held = args.held_out or (64 if args.domain == "aviation" else 32)
    rng = random.Random(args.seed)

    seen = set()
    sentences = []
    templates = domain["templates"]
    tries = 0
    while len(sentences) < n and tries < 100 * n:
        tries += 1
        s = fill(templates[tries % len(templates)], domain["slots"], rng)
        if s not in seen:
            seen.add(s)
            sentences.append(s)
    rng.shuffle(sentences)
    held, train = sentences[:n_held], sentences[n_held:]

    with open(f"{args.out}/train.txt", "w") as f:
        for s in train:
            # Written as a user's text would be: a capital and a full stop.
            f.write(s[0].upper() + s[1:] + ".\n")
    with open(f"{args.out}/heldout.tsv", "w") as tsv, \
         open(f"{args.out}/ref.trn", "w") as trn:
        for i, s in enumerate(held):
            uid = f"{args.domain[:3]}{i:03d}"
            voice = VOICES[i % len(VOICES)]
            said = spoken(s)
            tsv.write(f"{uid}\t{voice}\t{said}\n")
            # The reference is the text as written: what the user wants back.
            trn.write(f"{s} ({uid})\n")


if __name__ == "__main__":
    main()
